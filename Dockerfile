# agentplane in a container: the CLI and server jar built with Maven, run on a Temurin JRE with the Terraform CLI
# for the terraform tool. Teams and models are mounted:
#   docker build -t agentplane .
#   docker run --rm -e OPENAI_API_KEY -v ./config.yaml:/app/config.yaml -v ./teams:/app/teams \
#     -v ./workspace:/app/workspace agentplane run infrastructure-team -t "Provision staging" --output json
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
COPY agentplane-core/pom.xml agentplane-core/
COPY agentplane-server/pom.xml agentplane-server/
COPY agentplane-client/pom.xml agentplane-client/
COPY agentplane-cli/pom.xml agentplane-cli/
RUN mvn -q -B dependency:go-offline -DexcludeArtifactIds=agentplane-core,agentplane-server,agentplane-client || true
COPY schemas schemas
COPY examples examples
COPY agentplane-core/src agentplane-core/src
COPY agentplane-server/src agentplane-server/src
COPY agentplane-client/src agentplane-client/src
COPY agentplane-cli/src agentplane-cli/src
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:21-jre
COPY --from=hashicorp/terraform:1.11 /bin/terraform /usr/local/bin/terraform
WORKDIR /app
COPY --from=build /src/agentplane-cli/target/agentplane.jar /opt/agentplane/agentplane.jar
ENTRYPOINT ["java", "-jar", "/opt/agentplane/agentplane.jar"]
CMD ["--help"]
