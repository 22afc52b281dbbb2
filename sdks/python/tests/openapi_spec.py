"""A tiny reader of agentplane-server/src/main/resources/openapi.yaml for the tests (standard library only).

It reads the file's layout rather than all of YAML: two-space indents, paths at indent 2 with their methods at
indent 4, and component schemas at indent 4 under `components: schemas:` whose `required` and `properties` sit at
indent 6 (or at indent 10 inside an `allOf` item, whose `$ref`s are followed).
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OPENAPI = os.path.join(HERE, "..", "..", "..", "agentplane-server", "src", "main", "resources", "openapi.yaml")
METHODS = ("get", "put", "post", "delete", "patch")


def _lines():
    with open(OPENAPI, encoding="utf-8") as spec:
        return spec.read().split("\n")


def _indent(line):
    return len(line) - len(line.lstrip(" "))


MCP_ENDPOINT = "/mcp"  # for MCP clients (docs/mcp.md), not an operation the SDK wraps


def operations():
    """[(METHOD, path template, operationId)] in the order of the file, the MCP endpoint's left out."""
    found, path, method, in_paths = [], None, None, False
    for line in _lines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if _indent(line) == 0:
            in_paths = line.startswith("paths:")
            continue
        if not in_paths:
            continue
        if _indent(line) == 2 and line.strip().endswith(":"):
            path = line.strip()[:-1].strip("'\"")
        elif _indent(line) == 4 and line.strip()[:-1] in METHODS:
            method = line.strip()[:-1].upper()
        else:
            match = re.match(r"^ {6}operationId:\s*['\"]?(\w+)", line)
            if match and path != MCP_ENDPOINT:
                found.append((method, path, match.group(1)))
    return found


def _flow_list(text):
    return [item.strip() for item in text.strip().strip("[]").split(",") if item.strip()]


def schemas():
    """{schema name: (set of property names, set of required names)} of components/schemas."""
    blocks, name, in_schemas = {}, None, False
    for line in _lines():
        if line.startswith("  schemas:"):
            in_schemas = True
            continue
        if in_schemas and line.strip() and _indent(line) <= 2:
            break
        if not in_schemas:
            continue
        match = re.match(r"^ {4}(\w+):\s*$", line)
        if match:
            name = match.group(1)
            blocks[name] = []
        elif name:
            blocks[name].append(line)
    raw = {name: _shape(lines) for name, lines in blocks.items()}

    def resolved(schema_name):
        properties, required, refs = raw[schema_name]
        properties, required = set(properties), set(required)
        for ref in refs:
            more_properties, more_required = resolved(ref)
            properties |= more_properties
            required |= more_required
        return properties, required

    return {schema_name: resolved(schema_name) for schema_name in raw}


def _shape(lines):
    """Properties, required names and allOf `$ref`s of one schema's lines."""
    properties, required, refs = [], [], []
    levels = {6, 10}  # the schema itself; an item of its allOf
    in_properties = None
    in_all_of = False
    pending_required = None
    for line in lines:
        if not line.strip():
            continue
        indent = _indent(line)
        if pending_required is not None:
            pending_required += " " + line.strip()
            if "]" in line:
                required += _flow_list(pending_required)
                pending_required = None
            continue
        if in_properties is not None and indent <= in_properties:
            in_properties = None
        if indent == 6:
            in_all_of = line.strip() == "allOf:"
        if in_properties is not None:
            match = re.match(r"^ {%d}(\w+):" % (in_properties + 2), line)
            if match:
                properties.append(match.group(1))
            continue
        stripped = line.strip().lstrip("- ").strip()
        effective = indent + 2 if line.strip().startswith("- ") else indent
        if in_all_of and effective == 10 and stripped.startswith("$ref:"):
            refs.append(stripped.split("/")[-1].strip("'\""))
        if effective in levels and (effective == 6 or in_all_of):
            if stripped.startswith("required:"):
                value = stripped[len("required:"):]
                if "]" in value:
                    required += _flow_list(value)
                else:
                    pending_required = value
            elif stripped == "properties:":
                in_properties = effective
    return properties, required, refs
