import { DataTable, SelectInput } from 'react-admin';
import { ReferenceArrayField, ReferenceField } from '../common/references';
import {
  householdCategoryChoices,
  householdNeedChoices,
  povertyOutcomeChoices,
} from '../common/choices';
import { EnumChipsField } from '../common/EnumChip';
import { ReferenceSelect } from '../common/inputs';
import { UNIT_FILTER_DEFAULTS, unitFilters } from '../common/unitFilters';
import { ResourceList } from '../common/views';
import { ImportHouseholdsButton } from './ImportHouseholdsButton';

const filters = [
  ...unitFilters,
  <ReferenceSelect
    key="communeId"
    source="communeId"
    reference="AdministrativeUnit"
    filter={{ level: 'COMMUNE' }}
  />,
  <ReferenceSelect
    key="villageId"
    source="villageId"
    reference="AdministrativeUnit"
    filter={{ level: 'VILLAGE' }}
  />,
  <SelectInput key="category" source="category" choices={householdCategoryChoices} />,
  <SelectInput key="needs" source="needs" choices={householdNeedChoices} />,
  <ReferenceSelect key="groupId" source="groupId" reference="SupportGroup" />,
  <ReferenceSelect key="organizationId" source="organizationId" reference="Organization" />,
  <SelectInput key="povertyOutcome" source="povertyOutcome" choices={povertyOutcomeChoices} />,
];

export const HouseholdList = () => (
  <ResourceList
    filters={filters}
    sort={{ field: 'headName', order: 'ASC' }}
    filterDefaultValues={UNIT_FILTER_DEFAULTS}
    actions={<ImportHouseholdsButton />}
  >
    <DataTable.Col source="headName" />
    <DataTable.Col source="villageId">
      <ReferenceField source="villageId" reference="AdministrativeUnit" />
    </DataTable.Col>
    <DataTable.Col source="currentCategories" disableSort>
      <EnumChipsField source="currentCategories" enumName="HouseholdCategory" />
    </DataTable.Col>
    <DataTable.Col source="needs" disableSort>
      <EnumChipsField source="needs" enumName="HouseholdNeed" />
    </DataTable.Col>
    <DataTable.Col source="groupsIds" disableSort>
      <ReferenceArrayField source="groupsIds" reference="SupportGroup" />
    </DataTable.Col>
  </ResourceList>
);
