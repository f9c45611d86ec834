"""Infrastructure: the CloudFormation resources and the local stack that deploys them into moto."""
