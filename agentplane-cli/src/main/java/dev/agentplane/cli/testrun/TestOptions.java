package dev.agentplane.cli.testrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to test and how, as given on the command line: the definition file; the input as JSON text or a file (at
 * most one); mock files by step id; approval resolutions (JSON text) and rejection reasons by step id; and a file
 * of state to write first.
 */
public record TestOptions(Path file, String inputJson, Path inputFile, Map<String, Path> mocks,
                          Map<String, String> approvals, Map<String, String> rejections, Path stateFile) {
    public TestOptions {
        mocks = mocks == null ? Map.of() : Map.copyOf(mocks);
        approvals = approvals == null ? Map.of() : Map.copyOf(approvals);
        rejections = rejections == null ? Map.of() : Map.copyOf(rejections);
    }

    /** The execution's input: null (the workflow's defaults) when neither --input nor --input-file is given. */
    JsonNode input() {
        if (inputJson != null && inputFile != null) {
            throw new UsageProblem("--input and --input-file are both given", "give the input one way");
        }
        if (inputFile != null) {
            return TestRun.json(TestRun.read(inputFile, "the input file"), "--input-file " + inputFile,
                    "write the input as a JSON object, e.g. {\"amount\": 250}");
        }
        return inputJson == null ? null : TestRun.json(inputJson, "--input", "pass a JSON object, e.g. --input '{\"amount\": 250}'");
    }

    /** Each --approve step's resolution, as JSON. */
    Map<String, JsonNode> resolutions() {
        Map<String, JsonNode> resolutions = new LinkedHashMap<>();
        approvals.forEach((step, json) -> resolutions.put(step, TestRun.json(json, "--approve " + step,
                "pass the resolution as JSON, e.g. --approve " + step + "='{\"approved\": true}'")));
        return resolutions;
    }
}
