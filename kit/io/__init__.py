"""Getting texts in and tables out: load, readers, decoding, text headers, dates, ignore files, export."""
