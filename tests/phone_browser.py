"""Helpers for driving the phone page in real headless Chromium (Debian's chromium and
chromium-driver) and the real `python main.py host --headless` process. Without a browser the
tests that need one skip, saying how to install it."""
from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL_HINT = ("no headless Chromium: install it with `apt-get install chromium chromium-driver` "
                "(Debian/Ubuntu; `.ci/run` does this) and `pip install -e '.[test]'` for selenium")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage")
PHONE_SIZE = (390, 844)  # a common phone's viewport, in CSS pixels
FIRST_LINE = re.compile(r"^join: (http://127\.0\.0\.1:(\d+)/)  PIN: (\d{6})$")


def browser_paths() -> tuple[str, str]:
    """(chromium, chromedriver), or skip the test with the way to install them."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.skip(INSTALL_HINT)
    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip(INSTALL_HINT)
    return chromium, driver


class Phone:
    """One phone: its own Chromium with its own profile (its own stored token)."""

    def __init__(self, profile: Path):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        chromium, driver = browser_paths()
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        # A phone's viewport and touch (a desktop window cannot be narrower than 500 pixels).
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {
            "width": PHONE_SIZE[0], "height": PHONE_SIZE[1], "pixelRatio": 1.0, "touch": True}})
        self.driver = webdriver.Chrome(service=Service(driver), options=options)

    def open(self, url: str) -> None:
        self.driver.get(url)

    def screen(self) -> str:
        return self.driver.execute_script("return document.body.dataset.screen")

    def wait_for(self, screen: str, seconds: float = 20) -> None:
        from selenium.webdriver.support.ui import WebDriverWait
        WebDriverWait(self.driver, seconds, poll_frequency=0.05).until(lambda d: self.screen() == screen,
                                                                        f"phone never showed {screen!r} (shows {self.screen()!r})")

    def text(self, element_id: str) -> str:
        return self.driver.find_element("id", element_id).text

    def type(self, element_id: str, text: str) -> None:
        field = self.driver.find_element("id", element_id)
        field.clear()
        field.send_keys(text)

    def click(self, element_id: str) -> None:
        self.driver.find_element("id", element_id).click()

    def buttons(self) -> list:
        return self.driver.find_elements("css selector", "#answers button.answer")

    def quit(self) -> None:
        self.driver.quit()


class HostProcess:
    """`python main.py host --headless` on loopback, its output read line by line in a thread."""

    def __init__(self, data_dir: Path, *options: str, encoding: str = "utf-8"):
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": encoding}
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "host", "--headless", "--bind", "127.0.0.1", "--port", "0",
             "--data-dir", str(data_dir), *options],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
            encoding=encoding, errors="replace")
        self.lines: list[str] = []
        self._fresh: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.first_line = self.next_line()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._fresh.put(line.rstrip("\n"))
        self._fresh.put(None)

    def next_line(self, seconds: float = 20) -> str:
        line = self._fresh.get(timeout=seconds)
        if line is None:
            raise AssertionError(f"host ended: {self.process.stderr.read()}")
        self.lines.append(line)
        return line

    def wait_for(self, pattern: str, seconds: float = 20) -> re.Match:
        deadline = time.monotonic() + seconds
        while True:
            line = self.next_line(max(0.1, deadline - time.monotonic()))
            found = re.search(pattern, line)
            if found:
                return found

    def say(self, command: str) -> None:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def stop(self) -> int:
        if self.process.poll() is None:
            try:
                self.say("end")
            except BrokenPipeError:
                pass
        try:
            return self.process.wait(timeout=15)
        finally:
            if self.process.poll() is None:
                self.process.kill()
