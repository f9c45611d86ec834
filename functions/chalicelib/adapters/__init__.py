"""Adapters to AWS (DynamoDB, SES v2, SNS). The only package that imports boto3."""
