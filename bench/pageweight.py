"""Page weight on a first visit: home, catalogue and an event page, each in a fresh browser.

    python bench/pageweight.py

Serves the demo data with the production server (gunicorn, WhiteNoise with compressed static
files) and loads each page in a new, empty Chromium context. Last line:
pageweight: max_kb=… requests=… external_requests=…   (target: under 150 KB, 0 external)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import fresh_database, manage, production_env, production_server

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def measure(browser, url, base):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    seen = []
    page.on("requestfinished", lambda request: seen.append(request))
    page.on("requestfailed", lambda request: seen.append(request))
    page.goto(url, wait_until="networkidle")
    total = 0
    external = 0
    for request in seen:
        if not request.url.startswith(base) and not request.url.startswith("data:"):
            external += 1
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    return total, len(seen), external


def main():
    from playwright.sync_api import sync_playwright

    with fresh_database(None) as database_url:
        env = production_env(database_url)
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")
        with production_server(env) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            import httpx

            catalogue = httpx.get(base + "/veranstaltungen/").text
            marker = 'class="card__title"><a href="'
            event_path = catalogue.split(marker, 1)[1].split('"', 1)[0]
            results = []
            for path in ["/", "/veranstaltungen/", event_path]:
                size, count, external = measure(browser, base + path, base)
                print(f"{path}: {size / 1024:.1f} KB in {count} requests, {external} external")
                results.append((size, count, external))
            browser.close()
    max_kb = max(size for size, _, _ in results) / 1024
    requests = max(count for _, count, _ in results)
    external = sum(ext for _, _, ext in results)
    print(f"pageweight: max_kb={max_kb:.1f} requests={requests} external_requests={external}")


if __name__ == "__main__":
    main()
