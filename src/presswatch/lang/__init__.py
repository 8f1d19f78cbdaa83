"""The domain's language, without spaCy: names, figures, dates, loaded terms, and the
typed loaders of the data files that hold their words (`presswatch.lang.data`).

Everything here is a pure function of strings and data, cheap to import: the linkers,
the renderers, the store and the CLI use it, and the extractors apply it to a parse.
"""
