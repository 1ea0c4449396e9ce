import { integrationStatus, listIntegrations, manualSync, updateAutomation } from '../../api/integrations';
import { ManualSyncInput, UpdateAutomationInput, UserScopeInput } from '../../api/schemas';
import { accountsOf, connectUrl, disconnectFor, selectAccountsFor } from '../../linking/procedures';
import { AccountsInput, ConnectUrlInput, DisconnectInput, SelectAccountsInput } from '../../linking/schemas';
import { adminOrCronProcedure, authedProcedure, callerProcedure, router } from '../init';

export const integrationsRouter = router({
  list: callerProcedure
    .input(UserScopeInput.default({}))
    .query(({ ctx, input }) => listIntegrations(ctx.caller, input)),
  status: callerProcedure
    .input(UserScopeInput.default({}))
    .query(({ ctx, input }) => integrationStatus(ctx.caller, input)),
  manualSync: callerProcedure
    .input(ManualSyncInput)
    .mutation(({ ctx, input }) => manualSync(ctx.caller, input)),
  // The spec: "Automation controls so admins can toggle auto-sync and adjust cadence/lookback".
  updateAutomation: adminOrCronProcedure
    .input(UpdateAutomationInput)
    .mutation(({ ctx, input }) => updateAutomation(ctx.caller, input)),
  // Linking (src/server/linking): start OAuth, choose accounts, unlink.
  connectUrl: authedProcedure
    .input(ConnectUrlInput)
    .mutation(({ ctx, input }) => connectUrl(ctx.caller, input)),
  accounts: callerProcedure.input(AccountsInput).query(({ ctx, input }) => accountsOf(ctx.caller, input)),
  selectAccounts: callerProcedure
    .input(SelectAccountsInput)
    .mutation(({ ctx, input }) => selectAccountsFor(ctx.caller, input)),
  disconnect: callerProcedure
    .input(DisconnectInput)
    .mutation(({ ctx, input }) => disconnectFor(ctx.caller, input)),
});
