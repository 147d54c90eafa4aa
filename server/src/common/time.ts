const vietnamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date where the users are (UTC+7), as YYYY-MM-DD: "not in the future" means their today. */
export function todayInVietnam(now: Date = new Date()): string {
  return vietnamDate.format(now);
}

/** Today in Vietnam as SQL, whatever the database server's own time zone. */
export const VIETNAM_TODAY_SQL = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
