// Drafts module.
