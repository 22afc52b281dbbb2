package dev.agentplane.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test once on SQLite and once on PostgreSQL; a {@link TestPlane} parameter gives it the services
 * over that database and a fresh organization of its own.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(AcrossDatabasesExtension.class)
public @interface AcrossDatabases {}
