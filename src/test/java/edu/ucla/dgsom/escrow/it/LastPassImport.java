package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Many logins brought in as DGIT would bring them: one LastPass export uploaded, mapped and committed. */
public final class LastPassImport {

    private LastPassImport() {
    }

    /** Imports {@code count} new logins (four sealed fields each) into {@code department}, held by the two named. */
    public static void logins(Api admin, String department, int count, String contentOwner, String moderator) {
        StringBuilder csv = new StringBuilder("url,username,password,totp,extra,name,grouping,fav\n");
        for (int i = 0; i < count; i++) {
            String n = UUID.randomUUID().toString();
            csv.append("https://www.facebook.com/imported-").append(n).append("/,login-").append(n)
                    .append("@example.edu,pw-").append(n).append(",JBSWY3DPEHPK3PXP,Imported notes ").append(i)
                    .append(",Imported ").append(i).append(",Social,0\n");
        }
        Api.Reply uploaded = admin.sendBytes("POST", "/api/v1/imports?format=LASTPASS_CSV&departmentId=" + department,
                csv.toString().getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv");
        assertEquals(201, uploaded.status(), uploaded::toString);
        String id = uploaded.json().getString("id");
        Api.Reply mapped = admin.send("PUT", "/api/v1/imports/" + id + "/mapping", Json.createObjectBuilder()
                .add("departmentId", department).add("holders", Json.createObjectBuilder().add(department,
                        Json.createObjectBuilder().add("contentOwnerId", contentOwner)
                                .add("backupModeratorId", moderator))).build().toString(),
                "Content-Type", "application/json");
        assertEquals(200, mapped.status(), mapped::toString);
        Api.Reply committed = admin.post("/api/v1/imports/" + id + "/commit", "");
        assertEquals(200, committed.status(), committed::toString);
    }
}
