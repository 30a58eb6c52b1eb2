"""NLU benchmark: the bot's config.yml pipeline vs. TF-IDF + LinearSVC (`make bench-nlu`)."""
