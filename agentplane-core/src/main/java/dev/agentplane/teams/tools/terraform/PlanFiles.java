package dev.agentplane.teams.tools.terraform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The saved plans of one working directory, in {@value #DIR}: each named for when it was made, and signed (an
 * HMAC of its bytes under the tool's key, in a {@code .sig} beside it) so that apply takes only a plan this tool
 * made and nobody changed since. File names are all the model ever passes; paths are refused.
 */
final class PlanFiles {
    static final String DIR = ".agentplane-plans";
    static final Pattern PLAN_NAME = Pattern.compile("plan-\\d{8}-\\d{6}-[0-9a-f]{8}\\.tfplan");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    PlanFiles(byte[] key) {
        this.key = key.clone();
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** A fresh name with the given prefix ({@code plan} or {@code drift}); the directory is created. */
    static String newName(Path workingDir, String prefix) throws IOException {
        Files.createDirectories(workingDir.resolve(DIR));
        return prefix + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-"
                + HexFormat.of().formatHex(bytes(4)) + ".tfplan";
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The plan's path relative to the working directory, as Terraform is given it. */
    static String relative(String name) {
        return DIR + "/" + name;
    }

    void sign(Path workingDir, String name) throws IOException {
        Files.writeString(signature(workingDir, name), mac(Files.readAllBytes(workingDir.resolve(relative(name)))));
    }

    /** Empty when {@code name} is a plan this tool saved and nobody changed; else why it may not be applied. */
    Optional<String> refusal(Path workingDir, String name) throws IOException {
        if (!PLAN_NAME.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not the name of a plan saved by this tool: pass the file name "
                    + "that action plan returned (like plan-20250101-120000-1a2b3c4d.tfplan), not a path");
        }
        Path plan = workingDir.resolve(relative(name));
        Path signature = signature(workingDir, name);
        if (!Files.isRegularFile(plan, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(signature, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("there is no saved plan " + name + " (a plan is removed once applied); run action "
                    + "plan and apply the plan it returns");
        }
        byte[] expected = Files.readString(signature).strip().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = mac(Files.readAllBytes(plan)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.of("the plan " + name + " was not saved by this tool or was changed since (its "
                    + "signature does not match); run action plan again and apply the plan it returns");
        }
        return Optional.empty();
    }

    void delete(Path workingDir, String name) throws IOException {
        Files.deleteIfExists(workingDir.resolve(relative(name)));
        Files.deleteIfExists(signature(workingDir, name));
    }

    private static Path signature(Path workingDir, String name) {
        return workingDir.resolve(relative(name + ".sig"));
    }

    private String mac(byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
