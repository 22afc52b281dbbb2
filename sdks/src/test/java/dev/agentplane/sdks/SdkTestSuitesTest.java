package dev.agentplane.sdks;

import dev.agentplane.testing.DatabaseKind;
import dev.agentplane.testing.NpmPackages;
import dev.agentplane.testing.Toolchain;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SDKs' own suites (`npm test`, `python3 -m unittest`) pass against the real server on both databases. */
class SdkTestSuitesTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void typescriptSdk(DatabaseKind kind) throws Exception {
        var directory = SdkTestSuite.REPOSITORY.resolve("sdks/typescript");
        NpmPackages.require(directory, "the TypeScript SDK's build tools", "tsc");
        new SdkTestSuite("typescript", directory, List.of("npm", "test", "--silent")).passesOn(kind);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DatabaseKind.class)
    void pythonSdk(DatabaseKind kind) throws Exception {
        requirePython();
        new SdkTestSuite("python", SdkTestSuite.REPOSITORY.resolve("sdks/python"),
                List.of("python3", "-m", "unittest", "discover", "-s", "tests")).passesOn(kind);
    }

    private static void requirePython() throws InterruptedException {
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import sys; sys.exit(sys.version_info < (3, 9))")
                    .redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor() != 0) {
                Toolchain.unavailable("the Python SDK needs python3 >= 3.9");
            }
        } catch (IOException e) {
            Toolchain.unavailable("python3 is not on the PATH: " + e.getMessage());
        }
    }
}
