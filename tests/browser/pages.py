"""Steps shared by browser tests."""


def log_in(page, site):
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "folio-demo")
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")
