import type { RaRecord } from 'react-admin';
import { translate } from '../i18n';
import { formatDay } from './formatters';

/** How records without a single name field are named in titles, links and choices. */
export const halfYearOf = (record: RaRecord) =>
  translate('app.half_year', {
    half: translate(`enums.Half.${record.half}`),
    year: record.year,
  });

export const enumWithDate =
  (enumName: string, enumField: string, dateField: string) => (record: RaRecord) =>
    `${translate(`enums.${enumName}.${record[enumField]}`)} (${formatDay(record[dateField])})`;
