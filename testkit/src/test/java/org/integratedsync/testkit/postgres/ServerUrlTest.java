package org.integratedsync.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerUrlTest {

  @Test
  void parsesLibpqWithEncodedPasswordAndIpv6() {
    PostgresDatabase db = ServerUrl.parse("postgresql://app%40x:p%3As%2Fw+d@[::1]:6543/fees?sslmode=require");
    assertThat(db.user()).isEqualTo("app@x");
    assertThat(db.password()).isEqualTo("p:s/w+d");
    assertThat(db.host()).isEqualTo("::1");
    assertThat(db.port()).isEqualTo(6543);
    assertThat(db.name()).isEqualTo("fees");
    assertThat(db.parameters()).isEqualTo(Map.of("sslmode", "require"));
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:6543/fees?sslmode=require");
    assertThat(db.toString()).doesNotContain("p:s/w+d");
  }

  @Test
  void parsesJdbcWithCredentialsInParameters() {
    PostgresDatabase db = ServerUrl.parse("jdbc:postgresql://db.example:5433/fees?user=u&password=secret&ssl=true");
    assertThat(db.host()).isEqualTo("db.example");
    assertThat(db.port()).isEqualTo(5433);
    assertThat(db.name()).isEqualTo("fees");
    assertThat(db.user()).isEqualTo("u");
    assertThat(db.password()).isEqualTo("secret");
    assertThat(db.parameters()).containsEntry("ssl", "true");
  }

  @Test
  void roundTripsThroughLibpqUrl() {
    PostgresDatabase db = new PostgresDatabase("127.0.0.1", 5000, "d b", "us er", "p@ss word&=", Map.of());
    PostgresDatabase parsed = ServerUrl.parse(db.libpqUrl());
    assertThat(parsed.user()).isEqualTo("us er");
    assertThat(parsed.password()).isEqualTo("p@ss word&=");
    assertThat(parsed.name()).isEqualTo("d b");
  }

  @Test
  void rejectsOtherSchemesWithoutEchoingTheUrl() {
    assertThatThrownBy(() -> ServerUrl.parse("mysql://u:secret@h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
  }
}
