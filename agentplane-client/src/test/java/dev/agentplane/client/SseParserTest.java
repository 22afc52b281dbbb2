package dev.agentplane.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.client.internal.SseParser;
import dev.agentplane.client.internal.SseParser.Message;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseParserTest {
    private static SseParser parser(String text) {
        return new SseParser(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void reads_id_event_and_data_and_skips_comments() throws Exception {
        SseParser parser = parser(": keep-alive\n\nid: 3\nevent: step.completed\ndata: {\"seq\": 3}\n\nid:4\ndata:{\"seq\": 4}\n\n");

        assertThat(parser.next()).isEqualTo(new Message("3", "step.completed", "{\"seq\": 3}"));
        assertThat(parser.next()).isEqualTo(new Message("4", null, "{\"seq\": 4}"));
        assertThat(parser.next()).isNull();
    }

    @Test
    void joins_data_lines_and_accepts_crlf() throws Exception {
        SseParser parser = parser("data: first\r\ndata: second\r\n\r\n");

        assertThat(parser.next()).isEqualTo(new Message(null, null, "first\nsecond"));
    }

    @Test
    void a_message_cut_off_before_its_blank_line_is_not_delivered() throws Exception {
        SseParser parser = parser("id: 1\ndata: {}\n\nid: 2\ndata: {\"half\":");

        assertThat(parser.next().id()).isEqualTo("1");
        assertThat(parser.next()).isNull();
    }
}
