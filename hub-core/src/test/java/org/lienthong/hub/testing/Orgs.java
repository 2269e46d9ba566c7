package org.lienthong.hub.testing;

import static io.restassured.RestAssured.given;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.http.ContentType;

/** Registers test organisations through the API (as an admin), once each. */
public final class Orgs {

    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    private Orgs() {
    }

    /** Registers {@code code} under {@code parent}; repeated calls do nothing. */
    public static void ensure(String code, String parent) {
        ensure(code, parent, "unit");
    }

    /** Registers {@code code} of the given kind under {@code parent}; repeated calls do nothing. */
    public static void ensure(String code, String parent, String kind) {
        if (REGISTERED.contains(code)) {
            return;
        }
        int status = given().header("Authorization", Tokens.bearer("vn", "admin")).contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"Đơn vị thử " + code + "\",\"parent\":\"" + parent
                        + "\",\"kind\":\"" + kind + "\"}")
                .post("/api/v1/organizations").statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("could not register " + code + ": HTTP " + status);
        }
        REGISTERED.add(code);
    }

    /** Registers {@code code} directly under the nation. */
    public static void ensure(String code) {
        ensure(code, "vn", "unit");
    }
}
