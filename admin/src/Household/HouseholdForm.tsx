import {
  CheckboxGroupInput,
  FormDataConsumer,
  SelectInput,
  TextInput,
  required,
} from 'react-admin';
import { consentMethodChoices, householdNeedChoices, legalBasisChoices } from '../common/choices';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, notInFuture, optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

/**
 * Consent counts only with its date, how it was given and the notice shown (silence is not
 * consent): asked for when the legal basis is the data subject's consent.
 */
const ConsentInputs = () => (
  <FormDataConsumer<{ legalBasis?: string }>>
    {({ formData }) =>
      formData.legalBasis === 'CONSENT' ? (
        <>
          <DayInput source="consentDate" validate={[required(), notInFuture]} />
          <SelectInput
            source="consentMethod"
            choices={consentMethodChoices}
            validate={required()}
          />
          <TextInput
            source="consentNoticeVersion"
            validate={requiredText(100)}
            helperText="app.household.consent_notice_help"
          />
          <TextInput
            source="consentEvidence"
            validate={optionalText(500)}
            helperText="app.household.consent_evidence_help"
          />
        </>
      ) : null
    }
  </FormDataConsumer>
);

export const HouseholdForm = () => (
  <ResourceForm defaultValues={{ legalBasis: 'STATUTORY_DUTY' }}>
    <TextInput source="headName" validate={requiredText()} />
    <ReferenceSelect
      source="villageId"
      reference="AdministrativeUnit"
      filter={{ level: 'VILLAGE' }}
      isRequired
    />
    <TextInput source="address" validate={optionalText(500)} />
    <ReferenceSelect
      source="organizationId"
      reference="Organization"
      helperText="app.household.organization_help"
    />
    <TextInput source="circumstances" multiline validate={optionalText(TEXT_LONG)} />
    <CheckboxGroupInput source="needs" choices={householdNeedChoices} />
    <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
    <SelectInput
      source="legalBasis"
      choices={legalBasisChoices}
      validate={required()}
      helperText="app.household.legal_basis_help"
    />
    <ConsentInputs />
  </ResourceForm>
);
