package dev.agentplane.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;

class OrgServiceTest {

    /** An admin of an org marked as the instance admin org, as the first start marks the bootstrap org. */
    private static Actor instanceAdmin(TestPlane t) {
        Actor actor = t.otherOrg();
        t.database().inTransaction(tx -> tx.update("UPDATE orgs SET instance_admin = ? WHERE id = ?", true, actor.orgId()));
        return actor;
    }

    private static String uniqueName() {
        return "org-" + java.util.UUID.randomUUID();
    }

    @AcrossDatabases
    void an_instance_admin_creates_an_org_whose_first_key_is_its_admin(TestPlane t) {
        Actor admin = instanceAdmin(t);

        CreatedOrg created = t.plane().orgs().create(admin, new NewOrg(uniqueName()));

        assertThat(created.org().status()).isEqualTo(Org.ACTIVE);
        assertThat(created.org().instanceAdmin()).isFalse();
        Actor firstAdmin = t.plane().keys().authenticate(created.adminKey().key()).orElseThrow();
        assertThat(firstAdmin.orgId()).isEqualTo(created.org().id());
        assertThat(firstAdmin.role()).isEqualTo(Role.ADMIN);
        assertThat(t.plane().orgs().get(admin, created.org().id())).isEqualTo(created.org());
        long audited = t.database().read(sql -> sql.count(
                "SELECT COUNT(*) AS n FROM audit_log WHERE org_id = ? AND action = 'org.create' AND resource_id = ?",
                admin.orgId(), created.org().id()));
        assertThat(audited).isEqualTo(1);
    }

    @AcrossDatabases
    void org_names_are_unique(TestPlane t) {
        Actor admin = instanceAdmin(t);
        String name = uniqueName();
        t.plane().orgs().create(admin, new NewOrg(name));

        assertThatThrownBy(() -> t.plane().orgs().create(admin, new NewOrg(name))).isInstanceOf(ConflictException.class);
    }

    @AcrossDatabases
    void the_instance_admin_lists_orgs_page_by_page(TestPlane t) {
        Actor admin = instanceAdmin(t);
        String first = t.plane().orgs().create(admin, new NewOrg(uniqueName())).org().id();
        String second = t.plane().orgs().create(admin, new NewOrg(uniqueName())).org().id();

        var firstPage = t.plane().orgs().list(admin, PageRequest.first(1));
        assertThat(firstPage.items()).hasSize(1);
        java.util.List<String> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = t.plane().orgs().list(admin, cursor == null ? PageRequest.first(50) : new PageRequest(50, dev.agentplane.common.Cursor.decode(cursor)));
            page.items().forEach(org -> all.add(org.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(all).contains(first, second, admin.orgId()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @AcrossDatabases
    void anyone_else_is_forbidden_the_collection_and_finds_no_org_by_id(TestPlane t) {
        Actor admin = instanceAdmin(t);
        String orgId = t.plane().orgs().create(admin, new NewOrg(uniqueName())).org().id();
        Actor ordinaryAdmin = t.actor();
        Actor instanceDeveloper = new Actor(admin.orgId(), null, null, Role.DEVELOPER, null);

        for (Actor outsider : new Actor[] {ordinaryAdmin, instanceDeveloper}) {
            assertThatThrownBy(() -> t.plane().orgs().create(outsider, new NewOrg(uniqueName())))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
            assertThatThrownBy(() -> t.plane().orgs().list(outsider, PageRequest.first(5)))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
            assertThatThrownBy(() -> t.plane().orgs().get(outsider, orgId)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> t.plane().orgs().get(outsider, outsider.orgId())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> t.plane().orgs().disable(outsider, orgId)).isInstanceOf(NotFoundException.class);
        }
        assertThat(t.plane().orgs().get(admin, orgId).status()).isEqualTo(Org.ACTIVE);
    }

    @AcrossDatabases
    void disabling_an_org_stops_its_keys_at_once(TestPlane t) {
        Actor admin = instanceAdmin(t);
        CreatedOrg created = t.plane().orgs().create(admin, new NewOrg(uniqueName()));
        assertThat(t.plane().keys().authenticate(created.adminKey().key())).isPresent();

        Org disabled = t.plane().orgs().disable(admin, created.org().id());

        assertThat(disabled.status()).isEqualTo(Org.DISABLED);
        assertThat(disabled.disabledAt()).isEqualTo(t.clock().instant());
        assertThat(t.plane().keys().authenticate(created.adminKey().key())).isEmpty();
        assertThat(t.plane().orgs().disable(admin, created.org().id())).isEqualTo(disabled);
        long audited = t.database().read(sql -> sql.count(
                "SELECT COUNT(*) AS n FROM audit_log WHERE org_id = ? AND action = 'org.disable'", admin.orgId()));
        assertThat(audited).isEqualTo(1);
    }

    @AcrossDatabases
    void the_instance_admin_org_cannot_be_disabled(TestPlane t) {
        Actor admin = instanceAdmin(t);

        assertThatThrownBy(() -> t.plane().orgs().disable(admin, admin.orgId())).isInstanceOf(ConflictException.class);
    }
}
