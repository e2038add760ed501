// A real OpenID Connect provider (panva/oidc-provider, OpenID Certified) for the sign-in
// browser test. Its development interactions accept any login name: "ada" signs in as
// ada@probation.example. Consent is granted without asking, as for a first-party app.
// Settings come from the environment: OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
// OIDC_REDIRECT_URI, OIDC_POST_LOGOUT_URI. Test use only: never deploy this.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const domain = 'probation.example';

function emailFor(login) {
  return login.includes('@') ? login.toLowerCase() : `${login.toLowerCase()}@${domain}`;
}

const configuration = {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
    post_logout_redirect_uris: [process.env.OIDC_POST_LOGOUT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  scopes: ['openid', 'email', 'profile'],
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => false },
  // Put the e-mail and name claims in the ID token, where Streamlit's st.user reads them.
  conformIdTokenClaims: false,
  cookies: { keys: ['test-only-cookie-key-not-a-secret'] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        const email = emailFor(id);
        return { sub: email, email, email_verified: true, name: email.split('@')[0] };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
};

const provider = new Provider(issuer, configuration);
provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
