"""Date formats per language (FORMAT_MODULE_PATH): one date and one date-time format each,
used by the templates, the back-office and the letters alike."""
