package dev.agentplane.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.AgentPlane;
import dev.agentplane.common.Json;
import dev.agentplane.executions.Execution;
import dev.agentplane.store.Database;
import dev.agentplane.store.DatabaseSettings;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.DatabaseKind;
import dev.agentplane.testing.MutableClock;
import dev.agentplane.testing.TestOrgs;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.tenancy.Actor;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The feed wakes streams for events committed in this process at once, and for other processes' events by polling. */
class EventFeedTest {
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration SOON = Duration.ofSeconds(10);

    private static void record(AgentPlane plane, Actor actor, String executionId) {
        plane.events().record(actor, executionId, new NewExecutionEvent(null, "note", null, Json.object(), null, null, null));
    }

    @AcrossDatabases
    void a_local_commit_wakes_the_streams_of_its_execution_at_once(TestPlane t) throws InterruptedException {
        Execution run = EventServiceTest.execution(t, "flow");
        Execution other = EventServiceTest.execution(t, "flow");
        try (EventFeed feed = EventFeed.start(t.database(), NEVER);
             EventFeed.Subscription mine = feed.subscribe(t.actor().orgId(), run.id());
             EventFeed.Subscription theirs = feed.subscribe(t.actor().orgId(), other.id())) {

            record(t.plane(), t.actor(), run.id());

            assertThat(mine.await(SOON)).isTrue();
            assertThat(theirs.await(Duration.ofMillis(50))).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void events_another_process_commits_wake_streams_of_their_execution_and_org(DatabaseKind kind) throws InterruptedException {
        DatabaseSettings settings = kind.freshDatabase("EventFeedTest");
        try (Database writerNode = Database.open(settings); Database streamingNode = Database.open(settings)) {
            AgentPlane writer = AgentPlane.create(writerNode, MutableClock.now());
            Actor actor = TestOrgs.create(writerNode);
            Actor stranger = TestOrgs.create(writerNode);
            TestPlane t = new TestPlane(kind, writer, MutableClock.now(), actor);
            Execution run = EventServiceTest.execution(t, "flow");
            writerNode.inTransaction(new EventSequencer()::assignPositions); // the start's event: before the feed starts
            try (EventFeed feed = EventFeed.start(streamingNode, Duration.ofMillis(50));
                 EventFeed.Subscription execution = feed.subscribe(actor.orgId(), run.id());
                 EventFeed.Subscription org = feed.subscribe(actor.orgId(), null);
                 EventFeed.Subscription otherOrg = feed.subscribe(stranger.orgId(), null)) {

                record(writer, actor, run.id());

                assertThat(execution.await(SOON)).isTrue();
                assertThat(org.await(SOON)).isTrue();
                assertThat(otherOrg.await(Duration.ofMillis(200))).isFalse();
                assertThat(writer.events().stream(actor, StreamFilter.ALL, 0, 10)).extracting(e -> e.event().type())
                        .containsExactly("execution.started", "note");
            }
        }
    }

    @AcrossDatabases
    void closing_the_feed_ends_its_subscriptions(TestPlane t) throws InterruptedException {
        EventFeed feed = EventFeed.start(t.database(), NEVER);
        EventFeed.Subscription subscription = feed.subscribe(t.actor().orgId(), null);

        feed.close();

        assertThat(subscription.isOpen()).isFalse();
        assertThat(subscription.await(SOON)).isFalse();
        assertThat(feed.subscribe(t.actor().orgId(), null).isOpen()).isFalse();
    }
}
