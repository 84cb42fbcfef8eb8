"""The citizen's pages: sending an appeal, following it, rating its answer."""
