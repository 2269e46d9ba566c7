package org.lienthong.hub.api.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConfigUrlsTest {

    @Test
    void missingOrUnparsableUrlsAreProblemsOfTheirField() {
        List<ConfigProblem> problems = new ArrayList<>();
        assertTrue(ConfigUrls.parse("url", "  ", "is required: the feed", problems).isEmpty());
        assertTrue(ConfigUrls.parse("url", null, "is required: the feed", problems).isEmpty());
        assertTrue(ConfigUrls.parse("feed", "http://a b/", "is required", problems).isEmpty());
        assertEquals(List.of(new ConfigProblem("url", "is required: the feed"),
                new ConfigProblem("url", "is required: the feed")), problems.subList(0, 2));
        assertEquals("feed", problems.get(2).field());
        assertTrue(problems.get(2).message().startsWith("is not a valid URL"), problems.get(2).message());
        assertEquals(URI.create("https://hub.example.gov.vn/x"),
                ConfigUrls.parse("url", " https://hub.example.gov.vn/x ", "", problems).orElseThrow());
        assertEquals(3, problems.size());
    }

    @Test
    void schemes() {
        assertEquals("https", ConfigUrls.scheme(URI.create("HTTPS://h/")));
        assertEquals("", ConfigUrls.scheme(URI.create("/relative")));
        assertTrue(ConfigUrls.isHttp(URI.create("Http://h/")));
        assertFalse(ConfigUrls.isHttp(URI.create("file:///tmp/x")));
    }

    @Test
    void httpUrlsNeedAHostAndCarryNoCredentialsNorFragment() {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigUrls.checkHttp("url", URI.create("https://hub.example.gov.vn/api?x=1"), "", problems);
        assertEquals(List.of(), problems);
        ConfigUrls.checkHttp("url", URI.create("https:///path#frag"), "", problems);
        ConfigUrls.checkHttp("url", URI.create("https://user:pw@hub.example.gov.vn/"), ": put it in 'token'", problems);
        assertEquals(
                List.of(new ConfigProblem("url", "must name a host"),
                        new ConfigProblem("url", "must not have a fragment (#...)"),
                        new ConfigProblem("url", "must not contain a user name or password: put it in 'token'")),
                problems);
    }
}
