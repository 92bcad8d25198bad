"""The HTML report renders in headless Chromium with no network: charts drawn, no console errors."""
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from flows.cli import main

pytestmark = pytest.mark.slow
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync",
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]  # any network fetch would fail


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium, installed by the test set-up when the machine does not have it."""
    path = shutil.which("chromium")
    if path is None:
        install = "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"
        done = subprocess.run(["bash", "-c", install], capture_output=True, text=True, timeout=1200)
        path = shutil.which("chromium")
        assert path, f"could not install chromium: {done.stdout[-2000:]}{done.stderr[-2000:]}"
    return path


@pytest.fixture(scope="module")
def report(seeds_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(main, ["report", "--out", str(out), "--db", str(seeds_warehouse)])
    assert result.exit_code == 0, result.output
    return out


def browse(chromium, report, tmp_path, *extra):
    args = [chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1300,1800",
            "--virtual-time-budget=15000", "--enable-logging=stderr", "--v=0", *extra, report.as_uri()]
    return subprocess.run(args, capture_output=True, text=True, timeout=180)


def test_report_is_self_contained(report):
    from html.parser import HTMLParser

    class ExternalResources(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if (tag == "script" and attrs.get("src")) or (tag == "link" and attrs.get("href")):
                self.found.append((tag, attrs))

    page = report.read_text("utf-8")
    parser = ExternalResources()
    parser.feed(page)
    assert parser.found == []  # plotly.js is inlined; nothing is fetched
    assert "Timeline of events" in page and "Casualty figures over the days they stood" in page
    assert 'id="ev-' in page and "Arms authorizations" in page and "Rejects" in page


def test_report_renders_in_chromium_without_network(chromium, report, tmp_path):
    done = browse(chromium, report, tmp_path, "--dump-dom")
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.count('class="main-svg"') >= 2, "both charts drew their SVG"
    errors = [line for line in done.stderr.splitlines() if "CONSOLE" in line and ("Error" in line or "Uncaught" in line)]
    assert errors == []


def test_report_screenshot(chromium, report, tmp_path):
    shot = tmp_path / "report.png"
    done = browse(chromium, report, tmp_path, f"--screenshot={shot}")
    assert done.returncode == 0 and shot.stat().st_size > 20_000
