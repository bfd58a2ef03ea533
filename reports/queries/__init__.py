"""The figures of a report, each with a one-line definition, for a `Scope` (period, districts, kinds,
and for partner accounts the events they co-host).

Every function reads a fixed number of queries, whatever the amount of data; rows are summed in
Python where SQL would need database-specific date arithmetic. Only facts that survive
anonymisation are read (registrations' report facts, bookings, `reports.RegistrationFacts`).
"""

from reports.queries.report import Figure, Report, Table, build_report, cached_report, compare, sections_with
from reports.queries.scope import Scope

__all__ = ["Figure", "Report", "Scope", "Table", "build_report", "cached_report", "compare", "sections_with"]
