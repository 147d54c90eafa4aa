import { Typography } from '@mui/material';
import {
  BulkExportButton,
  DataTable,
  List,
  SelectInput,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { ACCESS } from '../../../server/src/common/access-matrix';
import { accessActionChoices } from '../common/choices';
import { EnumChipField } from '../common/EnumChip';
import { MomentField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResponsiveDataTable } from '../common/views';

/** The resources whose reads are logged: those holding households' personal data. */
const personalResourceChoices = Object.entries(ACCESS)
  .filter(([, access]) => 'personal' in access && access.personal)
  .map(([resource]) => ({ id: resource, name: `resources.${resource}.name` }));

const filters = [
  <ReferenceSelect key="userId" source="userId" reference="User" alwaysOn />,
  <SelectInput key="action" source="action" choices={accessActionChoices} />,
  <SelectInput key="resource" source="resource" choices={personalResourceChoices} />,
  <ReferenceSelect key="householdId" source="householdId" reference="Household" />,
  <DayInput key="at_gte" source="at_gte" />,
  <DayInput key="at_lte" source="at_lte" />,
];

/** The resource read, by its name. */
export const ResourceNameField = (_props: { source?: string; label?: string }) => {
  const entry = useRecordContext();
  const translate = useTranslate();
  if (!entry?.resource) return null;
  return (
    <Typography component="span" variant="body2">
      {translate(`resources.${entry.resource}.name`, { smart_count: 1, _: String(entry.resource) })}
    </Typography>
  );
};

/** How many households' personal data the answer held. */
export const HouseholdCountField = (_props: { source?: string; label?: string }) => {
  const entry = useRecordContext();
  return (
    <Typography component="span" variant="body2">
      {(entry?.householdIds as string[] | undefined)?.length ?? 0}
    </Typography>
  );
};

/** Who read, exported or revealed which households' personal data, and when. */
export const AccessLogEntryList = () => (
  <List filters={filters} sort={{ field: 'at', order: 'DESC' }}>
    <ResponsiveDataTable bulkActionButtons={<BulkExportButton />}>
      <DataTable.Col source="at" field={MomentField} />
      <DataTable.Col source="userId" disableSort>
        <ReferenceField source="userId" reference="User" emptyText="—">
          <TextField source="username" />
        </ReferenceField>
      </DataTable.Col>
      <DataTable.Col source="role" disableSort>
        <EnumChipField source="role" enumName="Role" />
      </DataTable.Col>
      <DataTable.Col source="action">
        <EnumChipField source="action" enumName="AccessAction" />
      </DataTable.Col>
      <DataTable.Col source="resource" field={ResourceNameField} />
      <DataTable.Col source="householdIds" field={HouseholdCountField} disableSort />
      <DataTable.Col source="reason" disableSort />
      <DataTable.Col source="address" disableSort />
    </ResponsiveDataTable>
  </List>
);
