package org.lienthong.hub.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class HazardCodeTest {

    private static final List<String> VALID = List.of("MH0309", "EN0205", "TL0305", "VN-DRUG", "VN-A1",
            "VN-CYBER-RANSOM", "VN-1-2-3");
    private static final List<String> INVALID = List.of("", "mh0309", "MH309", "MH03090", "M0309", "VN-", "VN-drug",
            "VN--DRUG", "VN-DRUG-", "XX-DRUG", " MH0309", "MH0309 ", "MH0309\n", "VNDRUG", "MH0309|VN-X");

    @Test
    void theFormIsAHipCodeOrANationalExtension() {
        VALID.forEach(code -> assertTrue(HazardCode.matches(code), code));
        INVALID.forEach(code -> assertFalse(HazardCode.matches(code), code));
        assertFalse(HazardCode.matches(null));
    }

    @Test
    void theTextsAndThePatternAgree() {
        assertEquals("[A-Z]{2}[0-9]{4}|VN-[A-Z0-9]+(-[A-Z0-9]+)*", HazardCode.REGEX);
        // what the OpenAPI document publishes as the pattern of hazardCode
        assertEquals("^([A-Z]{2}[0-9]{4}|VN-[A-Z0-9]+(-[A-Z0-9]+)*)$", HazardCode.ANCHORED_REGEX);
        assertEquals(HazardCode.REGEX, HazardCode.PATTERN.pattern());
        Pattern anchored = Pattern.compile(HazardCode.ANCHORED_REGEX);
        for (String code : VALID) {
            assertTrue(anchored.matcher(code).find(), code);
        }
        // Java's $ also matches before a final line break, ECMA-262's does not: leave that case out here
        INVALID.stream().filter(code -> !code.endsWith("\n"))
                .forEach(code -> assertFalse(anchored.matcher(code).find(), code));
    }
}
