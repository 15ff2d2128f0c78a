package io.veridict.webhooks.target;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for the test servers, valid until 2129, whose subject alternative
 * names are hooks.test, rebind.test, hop.test, big.test, slow.test and redirect.test (and not
 * wrongname.test). Made with:
 *
 * <pre>
 * keytool -genkeypair -alias hooks -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA
 *     -dname "CN=hooks.test"
 *     -ext "SAN=dns:hooks.test,dns:rebind.test,dns:hop.test,dns:big.test,dns:slow.test,dns:redirect.test"
 *     -startdate "2020/01/01 00:00:00" -validity 40000
 *     -keystore hooks.p12 -storetype PKCS12 -storepass changeit -keypass changeit
 * </pre>
 */
final class TestCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();

    /** hooks.p12, base64. */
    private static final String PKCS12 =
            "MIIEPgIBAzCCA+gGCSqGSIb3DQEHAaCCA9kEggPVMIID0TCCASgGCSqGSIb3DQEHAaCCARkEggEVMIIBETCCAQ0GCyqGSIb3DQEM"
            + "CgECoIG9MIG6MGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBS87yElLPbKRclgg6cB+j4E9dRqRAICJxACASAwDAYIKoZI"
            + "hvcNAgkFADAdBglghkgBZQMEASoEEBlt4hdYBuwjrABmeJDVccMEUFcKYcfYg1wiC+DoYnribfAmQ5k9ypeu29Y/GdqOFiVGJQiA"
            + "3lmUmF7XS8cUymGRDWY/eqxjQnbDMatXgHuYaKSPgEBdkuuQpaI+itJTHggbMT4wGQYJKoZIhvcNAQkUMQweCgBoAG8AbwBrAHMw"
            + "IQYJKoZIhvcNAQkVMRQEElRpbWUgMTc5NjY5OTYzMzM2OTCCAqEGCSqGSIb3DQEHBqCCApIwggKOAgEAMIIChwYJKoZIhvcNAQcB"
            + "MGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBT/3Vk/xgTKm5LiFR58jXew8eJ6OAICJxACASAwDAYIKoZIhvcNAgkFADAd"
            + "BglghkgBZQMEASoEELaGuPEhUR0Y6j/B2KUHcVGAggIQmIdBYUcuqPDSUs4cC+vUcJdnqBpXthC0ObZtcmcaRW5p1f4ohf9kWXnM"
            + "oxJka1y5X98K0KcGWxepPiQ6g+HIiBe7gENsrLHiFWAcHOJnA/4tOaSssVfWtV1gFBDdRcyC7EPlMzGjttSfR5uswmg/ZD10MT3j"
            + "wvmqDJz+WhptFUManObFQlNsGAVZmYi2GAgr+UIzRTNdMMdXgRtqufMtZFnyZnvVbp9B6mHMUXNxNKycnmdjSVMY0N3DRKlWHFkn"
            + "+3X+coBt8ae/fbb4F365by9wHsn7R3+btPFWldfrwy6MeQ0o1UpAvQfGOV/QsnPjEJesvNeBwFQcVKQiMJyb/+jJ1H1NeVvFTUqg"
            + "BNlkon61dtDItWNQa9kxmzegZw39iMp1ScvEZtn69NxhjJNk5sv3L7c2w+l75HK/Pk36qnd4h/UaAEgxCcr9CqUB8OlF5HTx3tU1"
            + "zJ+84Fdc39pvj7fLqOZDI7W0YPVTx/MWIdLr6j9iQFpl58MSqZBr/VDqV0cPG/XJTkLmtjQPNSuW0IbPxjADywG64+SzrjGI5NO5"
            + "J4xzcBSNC1c4G4hfqy4+EoIgpEfyF0jwMllff4oL6yGkjp68HOROznrusIE6X+0xGBed0/5bH5Wo3RKIQbm6TtNdK36i/Q7EJ5VS"
            + "I30I1QYvLvvVti1UPmcurTGLQq93YbtWLHGBRhxFDV82vQ7sME0wMTANBglghkgBZQMEAgEFAAQgNluVsrSpMW+kxk+uG01sZL/V"
            + "fL4ULfwEBJOcJjHgMDYEFBDgQqRFP+jyEVQ9ETQirmXTi89GAgInEA==";

    private TestCertificates() {
    }

    static KeyStore serverKeyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Base64.getDecoder().decode(PKCS12)), PASSWORD);
        return store;
    }

    /** A trust store holding only the test certificate. */
    static KeyStore trustStore() throws Exception {
        Certificate certificate = serverKeyStore().getCertificate("hooks");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("hooks", certificate);
        return trust;
    }

    static SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverKeyStore(), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
