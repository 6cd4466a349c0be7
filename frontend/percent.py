"""A share shown as a percent: "45%" on a page and in a CSV, a number in a spreadsheet."""


class Percent(str):
    """A whole-number percent such as 45, read as "45%".

    A str, so a template and a CSV show "45%" as they would the text; frontend/exports.py
    writes it to an XLSX as the number 0.45 formatted '0%', so a spreadsheet can sort and
    sum it. In: the percent as a number (45 for 45%). `number` keeps it."""

    def __new__(cls, number):
        text = super().__new__(cls, f"{number}%")
        text.number = number
        return text

    def __getnewargs__(self):  # so a copy or a pickle (a cache) is built from the number
        return (self.number,)
