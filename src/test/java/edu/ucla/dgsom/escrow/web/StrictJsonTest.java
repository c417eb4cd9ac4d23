package edu.ucla.dgsom.escrow.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    record Inner(String name, Integer count) {
    }

    record Outer(String code, Boolean flag, List<String> tags, Inner inner, Long big) {
    }

    @Test
    void a_body_of_the_right_json_types_fits() {
        assertDoesNotThrow(() -> StrictJson.requireShape(json("{\"code\":\"a\",\"flag\":true,\"tags\":[\"x\"],"
                + "\"inner\":{\"name\":\"n\",\"count\":3},\"big\":9223372036854775807}"), Outer.class));
        assertDoesNotThrow(() -> StrictJson.requireShape(json("{\"code\":null,\"inner\":null}"), Outer.class));
    }

    @Test
    void a_number_in_a_text_field_is_refused_naming_the_field() {
        for (String number : List.of("1e400", "9223372036854775808", "42")) {
            assertEquals("code", misfit("{\"code\":" + number + "}"));
        }
    }

    @Test
    void an_array_where_an_object_is_expected_is_refused_as_the_whole_request() {
        assertEquals("request", misfit("[{\"code\":\"a\"}]"));
        assertEquals("request", misfit("null"));
        assertEquals("request", misfit("\"text\""));
    }

    @Test
    void nested_fields_list_elements_and_out_of_range_numbers_are_named_by_their_path() {
        assertEquals("inner.count", misfit("{\"inner\":{\"count\":2147483648}}"));
        assertEquals("inner.count", misfit("{\"inner\":{\"count\":1e400}}"));
        assertEquals("inner.count", misfit("{\"inner\":{\"count\":\"3\"}}"));
        assertEquals("tags[1]", misfit("{\"tags\":[\"a\",7]}"));
        assertEquals("flag", misfit("{\"flag\":\"true\"}"));
        assertEquals("big", misfit("{\"big\":1e999999}"));
    }

    private static String misfit(String body) {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> StrictJson.requireShape(json(body), Outer.class));
        return refused.errors().get(0).field();
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }
}
