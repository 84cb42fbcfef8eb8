"""The answer as a signed PDF letter and its public check at /verify/<code>/: content and
rendering, the server's seal and the head's signature, issuance, verification
(docs/workflow.md#the-answers-letter)."""
