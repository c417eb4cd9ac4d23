package edu.ucla.dgsom.escrow.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void cells_are_quoted_and_a_leading_formula_character_is_neutralised() {
        assertEquals("\"'=1+1\",\"'+1\",\"'-1\",\"'@SUM(A1)\",\"a \"\"b\"\"\",,\"x=1\"\r\n",
                Csv.row(Arrays.asList("=1+1", "+1", "-1", "@SUM(A1)", "a \"b\"", null, "x=1")));
        assertEquals("\"\"", Csv.cell(""));
        assertEquals("\"plain\"\r\n", Csv.row(List.of("plain")));
    }
}
