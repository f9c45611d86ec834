"""The DynamoDB adapter: key layout, item conversions, and the RequestStore."""
