"""What the regions app adds to the platform (collected by core.registry; see its docstring for the names)."""


# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------
