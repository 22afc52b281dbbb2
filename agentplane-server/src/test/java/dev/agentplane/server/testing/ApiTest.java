package dev.agentplane.server.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test against a real server over HTTP, once on SQLite and once on PostgreSQL. The {@link Api}
 * parameter talks to it with the admin key and checks every response against openapi.yaml.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(ApiTestExtension.class)
public @interface ApiTest {}
