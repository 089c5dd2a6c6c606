package dev.lockstep.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeekdaysTest {

  @ParameterizedTest
  @CsvSource({
    "Mon,MONDAY",
    "monday,MONDAY",
    "MONDAY,MONDAY",
    "tue,TUESDAY",
    "Sunday,SUNDAY",
    "sUn,SUNDAY"
  })
  void parseDayAcceptsFullAndThreeLetterNamesInAnyCase(String text, DayOfWeek day) {
    assertThat(Weekdays.parseDay(text)).contains(day);
  }

  @ParameterizedTest
  @CsvSource({"tues", "Mo", "*", "''", "Montag", "'Mon '"})
  void parseDayRejectsOtherSpellings(String text) {
    assertThat(Weekdays.parseDay(text)).isEmpty();
  }

  @Test
  void starAloneMeansEveryDay() throws Exception {
    assertThat(Weekdays.parseList(List.of("*"))).isEqualTo(Weekdays.ALL);
  }

  @Test
  void listsAreParsedAsParseWeekdaysDoes() throws Exception {
    assertThat(Weekdays.parseList(List.of("Mon", "wednesday")))
        .isEqualTo(Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY));
    assertThatThrownBy(() -> Weekdays.parseList(List.of())).hasMessage("empty weekdays list");
    assertThatThrownBy(() -> Weekdays.parseList(List.of("Mon", "monday")))
        .hasMessage("duplicate weekday: Monday")
        .extracting(e -> ((InvalidWeekdaysException) e).index())
        .isEqualTo(1);
    assertThatThrownBy(() -> Weekdays.parseList(List.of("Mon", "*")))
        .isInstanceOf(InvalidWeekdaysException.class)
        .extracting(e -> ((InvalidWeekdaysException) e).index())
        .isEqualTo(1);
    assertThatThrownBy(() -> Weekdays.parseList(List.of("Mon", "tues")))
        .hasMessage("failed to parse weekday: \"tues\"");
  }
}
