"""Proposing an appeal's topic from its text (docs/topics.md): the words it is made of
(features), the naive Bayes model (model), its training (training) and the proposal the
form and the API show while the citizen types (proposing)."""
