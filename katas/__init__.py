"""The kata stubs handed to learners, and catalog.toml, the metadata of every kata."""
