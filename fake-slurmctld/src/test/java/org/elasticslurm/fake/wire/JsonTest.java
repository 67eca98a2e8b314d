package org.elasticslurm.fake.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void valuesSurviveAWriteAndARead() {
        String text = Json.write(Map.of("s", "a \"quoted\"\nline\t\u0001", "n", -42L, "d", 1.5, "b", true,
                "l", List.of("x", 1L)));

        Object back = Json.parse(text);

        assertThat(back).isEqualTo(Map.of("s", "a \"quoted\"\nline\t\u0001", "n", -42L, "d", 1.5, "b", true,
                "l", List.of("x", 1L)));
    }

    @Test
    void objectsKeepTheirKeyOrder() {
        JsonObject o = JsonObject.create().put("jobs", List.of()).put("all_nodes", "c[1-2]");

        assertThat(o.toJson()).isEqualTo("{\"jobs\":[],\"all_nodes\":\"c[1-2]\"}");
    }

    @Test
    void emptyOptionalsAreLeftOutAndReadBackAsEmpty() {
        JsonObject o = JsonObject.parse(JsonObject.create().put("a", Optional.empty()).put("b", OptionalLong.of(3))
                .put("c", OptionalInt.empty()).toJson());

        assertThat(o.toJson()).isEqualTo("{\"b\":3}");
        assertThat(o.optString("a")).isEmpty();
        assertThat(o.optNumber("b")).hasValue(3);
        assertThat(o.optInteger("c")).isEmpty();
    }

    @Test
    void malformedTextIsRefusedNamingThePosition() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).isInstanceOf(WireException.class)
                .hasMessage("malformed JSON at offset 7: expected a quoted key near '}'");
        assertThatThrownBy(() -> Json.parse("[1 2]")).isInstanceOf(WireException.class)
                .hasMessageContaining("expected ',' or ']'");
        assertThatThrownBy(() -> Json.parse("\"open")).isInstanceOf(WireException.class)
                .hasMessageContaining("expected a closing quote");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("expected end of input");
    }

    @Test
    void aMissingOrMistypedFieldIsNamed() {
        JsonObject o = JsonObject.parse("{\"n\":\"x\"}");

        assertThatThrownBy(() -> o.number("n")).hasMessage("field 'n' is not a whole number");
        assertThatThrownBy(() -> o.string("m")).hasMessage("field 'm' is missing");
    }

    @Test
    void aNodeSurvivesTheWire() {
        NodeInfo node = new NodeInfo("node1", 0x1082, "IDLE+CLOUD+POWERED_DOWN", "idle~", "idle~",
                Optional.of("x86_64"), Optional.empty(), Optional.of("22.05.8"), OptionalLong.of(571),
                OptionalLong.empty(), 2, 1, 1, 1, 2, 1, 1024, 1, List.of("f1", "f2"), "127.0.0.1", "node1",
                OptionalLong.of(17101), List.of("debug"), OptionalLong.of(1795880362L), OptionalLong.empty(),
                OptionalLong.of(1795880400L), Optional.of("ResumeTimeout reached"), OptionalLong.of(1795880500L),
                Optional.of("root"));

        assertThat(NodeInfo.fromJson(JsonObject.parse(node.toJson().toJson()))).isEqualTo(node);
    }
}
