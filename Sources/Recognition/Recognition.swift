// Recognition module.
