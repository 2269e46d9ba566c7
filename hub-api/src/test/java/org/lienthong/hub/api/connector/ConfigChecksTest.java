package org.lienthong.hub.api.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConfigChecksTest {

    @Test
    void missingOrUnparsableUrlsAreProblemsOfTheirField() {
        List<ConfigProblem> problems = new ArrayList<>();
        assertTrue(ConfigChecks.parse("url", "  ", "is required: the feed", problems).isEmpty());
        assertTrue(ConfigChecks.parse("url", null, "is required: the feed", problems).isEmpty());
        assertTrue(ConfigChecks.parse("feed", "http://a b/", "is required", problems).isEmpty());
        assertEquals(List.of(new ConfigProblem("url", "is required: the feed"),
                new ConfigProblem("url", "is required: the feed")), problems.subList(0, 2));
        assertEquals("feed", problems.get(2).field());
        assertTrue(problems.get(2).message().startsWith("is not a valid URL"), problems.get(2).message());
        assertEquals(URI.create("https://hub.example.gov.vn/x"),
                ConfigChecks.parse("url", " https://hub.example.gov.vn/x ", "", problems).orElseThrow());
        assertEquals(3, problems.size());
    }

    @Test
    void schemes() {
        assertEquals("https", ConfigChecks.scheme(URI.create("HTTPS://h/")));
        assertEquals("", ConfigChecks.scheme(URI.create("/relative")));
        assertTrue(ConfigChecks.isHttp(URI.create("Http://h/")));
        assertFalse(ConfigChecks.isHttp(URI.create("file:///tmp/x")));
    }

    @Test
    void httpUrlsNeedAHostAndCarryNoCredentialsNorFragment() {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigChecks.checkHttp("url", URI.create("https://hub.example.gov.vn/api?x=1"), "", problems);
        assertEquals(List.of(), problems);
        ConfigChecks.checkHttp("url", URI.create("https:///path#frag"), "", problems);
        ConfigChecks.checkHttp("url", URI.create("https://user:pw@hub.example.gov.vn/"), ": put it in 'token'",
                problems);
        assertEquals(
                List.of(new ConfigProblem("url", "must name a host"),
                        new ConfigProblem("url", "must not have a fragment (#...)"),
                        new ConfigProblem("url", "must not contain a user name or password: put it in 'token'")),
                problems);
    }

    @Test
    void kindsAreKnownAtLeastOneAndNoneTwice() {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigChecks.kinds("kinds", List.of("threat", " incident ", "resource"), problems);
        assertEquals(List.of(), problems);
        ConfigChecks.kinds("kinds", List.of(), problems);
        ConfigChecks.kinds("only", List.of("threat", "threat ", "alert"), problems);
        assertEquals(List.of(new ConfigProblem("kinds", "must name at least one of threat, incident, resource"),
                new ConfigProblem("only", "names 'threat' more than once"),
                new ConfigProblem("only", "'alert' is not a record kind: use threat, incident and/or resource")),
                problems);
    }
}
