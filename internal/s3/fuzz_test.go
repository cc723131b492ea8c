package s3

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// FuzzParseXMLBodies feeds every request body the gateway parses through
// its parser and validator: none may panic, whatever the input.
func FuzzParseXMLBodies(f *testing.F) {
	f.Add([]byte(`<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"a"</ETag></Part></CompleteMultipartUpload>`))
	f.Add([]byte(`<Delete><Quiet>true</Quiet><Object><Key>a</Key><VersionId>v</VersionId></Object></Delete>`))
	f.Add([]byte(`<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>`))
	f.Add([]byte(`<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`))
	f.Add([]byte(`<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`))
	f.Add([]byte(`<AccessControlPolicy><Owner><ID>a</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>`))
	f.Add([]byte(`<LifecycleConfiguration><Rule><ID>r</ID><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>`))
	f.Add([]byte(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		var cmu completeMultipartUpload
		xml.Unmarshal(doc, &cmu)
		var del deleteRequest
		xml.Unmarshal(doc, &del)
		var vc versioningConfiguration
		xml.Unmarshal(doc, &vc)
		for _, name := range []string{"tagging", "cors", "lifecycle", "policy", "encryption"} {
			validateConfig(name, doc)
		}
		parseACL(bytes.NewReader(doc), "owner")
		parseCORS(doc)
	})
}
