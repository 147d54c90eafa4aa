import { ResourceCreate } from '../common/views';
import { HalfYearReportForm } from './HalfYearReportForm';

const now = new Date();

/** The figures are counted by the server from the period's records as soon as it is created. */
export const HalfYearReportCreate = () => (
  <ResourceCreate>
    <HalfYearReportForm
      defaultValues={{ year: now.getFullYear(), half: now.getMonth() < 6 ? 1 : 2 }}
    />
  </ResourceCreate>
);
