import { TextInput, usePermissions } from 'react-admin';
import { MoneyInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

/**
 * The approval threshold is the check on the fund's own officers, who make its spending: only an
 * administrator sets it (the server refuses anyone else); others see it, read-only.
 */
export const FundForm = () => {
  const { permissions } = usePermissions<string | null>();
  return (
    <ResourceForm>
      <TextInput source="name" validate={requiredText()} />
      <ReferenceSelect source="organizationId" reference="Organization" isRequired />
      <ReferenceSelect source="planId" reference="Plan" isRequired />
      <MoneyInput
        source="approvalThreshold"
        disabled={permissions !== 'ADMIN'}
        helperText="app.approval.threshold_help"
      />
      <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
    </ResourceForm>
  );
};
