"""A player in headless Chromium, for the bundled mudlib's end-to-end test.

usage: browser_player.py URL NAME PASSWORD SAY HEAR

Opens the browser client at URL, creates the character NAME, prints READY,
waits until the output shows HEAR (said by someone else), prints HEARD,
says SAY, waits for its own echo, prints DONE. Any failure prints FAIL and
the page text, and exits 1.
"""
import sys

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


def say(line):
    print(line, flush=True)


def main():
    url, name, password, to_say, to_hear = sys.argv[1:6]
    opts = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(options=opts)
    wait = WebDriverWait(driver, 20)
    out = lambda: driver.find_element(By.ID, "output").text
    try:
        driver.get(url)
        field = driver.find_element(By.ID, "input")
        wait.until(lambda _: "What is your name?" in out())
        field.send_keys(name, Keys.ENTER)
        wait.until(lambda _: "Choose a password" in out())
        # Echo off: the page hides what is typed.
        wait.until(lambda _: field.get_attribute("type") == "password")
        field.send_keys(password, Keys.ENTER)
        wait.until(lambda _: "Type it again" in out())
        field.send_keys(password, Keys.ENTER)
        wait.until(lambda _: "Exits:" in out())
        wait.until(lambda _: field.get_attribute("type") == "text")
        if password in out():
            raise AssertionError("the password was shown")
        say("READY")
        wait.until(lambda _: to_hear in out())
        say("HEARD")
        field.send_keys("say " + to_say, Keys.ENTER)
        wait.until(lambda _: "You say: " + to_say in out())
        say("DONE")
    except Exception as e:  # report what the page showed
        say("FAIL %r" % (e,))
        say(out()[-2000:])
        sys.exit(1)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
