# A staging environment made of Terraform's built-in resources only, so it plans and applies anywhere, offline:
# the infrastructure team's example (examples/teams/infrastructure-team.yaml) works on a copy of this directory.
terraform {
  required_version = ">= 1.4"
}

variable "environment" {
  type    = string
  default = "staging"
}

resource "terraform_data" "network" {
  input = {
    resource_type = "network"
    cidr          = "10.20.0.0/16"
    tags          = { owner = "platform", environment = var.environment }
  }
}

resource "terraform_data" "app_server" {
  input = {
    resource_type = "server"
    size          = "small"
    network       = terraform_data.network.output.cidr
    tags          = { owner = "platform", environment = var.environment }
  }
}

output "app_server" {
  value = terraform_data.app_server.output
}
