package dev.agentplane.server.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;

class InterpretApiTest {

    @ApiTest
    void reads_free_text_into_the_shorthand_schema_with_confidence(Api api) {
        JsonNode result = api.post("/v1/interpret", """
                {"data": "John Smith, email: John@Acme.com, he's 32", "schema": {"name": "string", "email": "email", "age": "integer"}}
                """).expect(200).body();

        assertThat(result.get("data")).isEqualTo(Json.parse("{\"name\": \"John Smith\", \"email\": \"john@acme.com\", \"age\": 32}"));
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.get("missing_fields")).isEmpty();
        assertThat(result.get("confidence").size()).isEqualTo(3);
        assertThat(result.get("overall_confidence").asDouble()).isGreaterThanOrEqualTo(0.7);
        assertThat(result.get("should_escalate").asBoolean()).isFalse();
        assertThat(result.get("strategy_used").asText()).isEqualTo("heuristic");
        assertThat(result.get("model_used").isNull()).isTrue();
        assertThat(result.at("/tokens/total").asInt()).isZero();
        assertThat(result.get("cost_estimate").decimalValue()).isZero();
    }

    @ApiTest
    void reads_an_object_with_messy_keys_into_a_nested_json_schema_with_locale_hints(Api api) {
        JsonNode result = api.post("/v1/interpret", """
                {"data": {"Kunde": "Anna Müller", "E-Mail Adresse": "anna@beispiel.de", "Telefon": "030 1234567",
                          "Adresse": {"Stadt": "Berlin", "PLZ": "10115"}, "Datum": "03.04.2024", "Betrag": "1.234,50 €"},
                 "schema": {"type": "object", "required": ["email"], "properties": {
                    "email": {"type": "string", "format": "email"},
                    "phone": {"type": "string", "format": "phone"},
                    "address": {"type": "object", "properties": {"city": {"type": "string"}, "zip": {"type": "string", "pattern": "^[0-9]{5}$"}}},
                    "date": {"type": "string", "format": "date"},
                    "amount": {"type": "object", "x-type": "currency"}}},
                 "options": {"locale": "de-DE", "timezone": "Europe/Berlin"}}
                """).expect(200).body();

        assertThat(result.at("/data/email").asText()).isEqualTo("anna@beispiel.de");
        assertThat(result.at("/data/phone").asText()).isEqualTo("+49301234567");
        assertThat(result.at("/data/address/city").asText()).isEqualTo("Berlin");
        assertThat(result.at("/data/address/zip").asText()).isEqualTo("10115");
        assertThat(result.at("/data/date").asText()).isEqualTo("2024-04-03");
        assertThat(result.at("/data/amount")).isEqualTo(Json.parse("{\"amount\": 1234.5, \"currency\": \"EUR\"}"));
        assertThat(result.at("/confidence/address.city").asDouble()).isPositive();
    }

    @ApiTest
    void an_unsure_result_opens_an_escalation_when_asked(Api api) {
        JsonNode result = api.post("/v1/interpret", """
                {"data": "call me maybe", "schema": {"type": "object", "required": ["email"],
                  "properties": {"email": {"type": "string", "format": "email"}, "phone": {"type": "string", "format": "phone"}}},
                 "escalate": true}
                """).expect(200).body();

        assertThat(result.get("success").asBoolean()).isFalse();
        assertThat(result.get("should_escalate").asBoolean()).isTrue();
        assertThat(result.get("escalation_reason").asText()).contains("required fields not found: email");
        assertThat(result.get("missing_fields")).extracting(JsonNode::asText).containsExactly("email", "phone");
        JsonNode escalation = api.get("/v1/escalations/" + result.get("escalation_id").asText()).expect(200).body();
        assertThat(escalation.get("reason").asText()).startsWith("interpret: required fields not found: email");
        assertThat(escalation.at("/context/data").asText()).isEqualTo("call me maybe");
    }

    @ApiTest
    void a_value_outside_the_schema_is_not_returned_and_a_note_says_why(Api api) {
        JsonNode result = api.post("/v1/interpret", """
                {"data": {"status": "archived", "score": 42}, "schema": {"status": "enum:active|inactive",
                  "score": {"type": "integer", "maximum": 10}}}
                """).expect(200).body();

        assertThat(result.get("data")).isEmpty();
        assertThat(result.get("notes").toString()).contains("score", "maximum");
    }

    @ApiTest
    void bad_requests_name_the_field_and_the_fix(Api api) {
        api.post("/v1/interpret", "{\"schema\": {\"a\": \"string\"}}").expectProblem(400, "/data");
        api.post("/v1/interpret", "{\"data\": \"x\"}").expectProblem(400, "/schema");
        api.post("/v1/interpret", "{\"data\": \"x\", \"schema\": {\"age\": \"years\"}}").expectProblem(400, "/schema/age");
        api.post("/v1/interpret", "{\"data\": \"x\", \"schema\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"decimal\"}}}}")
                .expectProblem(400, "/schema/properties/n/type");
        api.post("/v1/interpret", "{\"data\": \"x\", \"schema\": {\"type\": \"object\", \"properties\": {\"zip\": {\"type\": \"string\", \"pattern\": \"[0-9\"}}}}")
                .expectProblem(400, "/schema/properties/zip/pattern");
        api.post("/v1/interpret", "{\"data\": \"x\", \"schema\": {\"a\": \"string\"}, \"strategy\": \"magic\"}").expectProblem(400, "/strategy");
        api.post("/v1/interpret", "{\"data\": \"x\", \"schema\": {\"a\": \"string\"}, \"strategy\": \"llm\"}").expectProblem(400, "/strategy");
        api.post("/v1/interpret", "{\"data\": \"x\", \"schema\": {\"a\": \"string\"}, \"model\": \"gpt-9\"}").expectProblem(400, "/model");
        api.post("/v1/interpret", "{\"data\": \"x\", \"schema\": {\"a\": \"string\"}, \"confidence_threshold\": 2}")
                .expectProblem(400, "/confidence_threshold");
        api.post("/v1/interpret", "{\"data\": \"x\", \"schema\": {\"a\": \"string\"}, \"options\": {\"timezone\": \"Mars/Olympus\"}}")
                .expectProblem(400, "/options/timezone");
        api.post("/v1/interpret", "{\"data\": \"x\", \"schema\": {\"a\": \"string\"}, \"options\": {\"locale\": \"not a locale!\"}}")
                .expectProblem(400, "/options/locale");
        api.post("/v1/interpret", "{\"data\": \"" + "x".repeat(300 * 1024) + "\", \"schema\": {\"a\": \"string\"}}")
                .expectProblem(413, null);
    }
}
