package cli

import (
	"fmt"
	"net"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/tlsutil"
)

func newCertCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cert",
		Short: "Make a cluster CA and node certificates for TLS",
		Long: `A small CA for a cluster's TLS. Every node gets a certificate signed by the
CA, valid both as a server and as a client: nodes authenticate each other
with it (mutual TLS on the blob servers, the metadata members and the event
bus), and serve S3 with it. Run

  strata cert ca --dir D
  strata cert node node1 --ip 10.0.0.1 --dns node1.example.com --dir D

then start each node with --tls-cert D/node1.pem --tls-key D/node1-key.pem
--tls-ca D/ca.pem. Keep D/ca-key.pem off the nodes.`,
	}
	cmd.AddCommand(newCertCACmd(), newCertNodeCmd())
	return cmd
}

func newCertCACmd() *cobra.Command {
	var dir, cn string
	cmd := &cobra.Command{
		Use:   "ca",
		Short: "Make the cluster CA: DIR/ca.pem and DIR/ca-key.pem (ECDSA P-256); an existing CA is kept",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			created, err := tlsutil.MakeCA(dir, cn)
			if err != nil {
				return err
			}
			if !created {
				fmt.Printf("CA already in %s (kept)\n", dir)
				return nil
			}
			fmt.Printf("CA written: %s/%s (key %s/%s, mode 0600)\n", dir, tlsutil.CAFile, dir, tlsutil.CAKeyFile)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "certificate folder (required)")
	cmd.Flags().StringVar(&cn, "name", "Strata cluster CA", "common name of the CA")
	cmd.MarkFlagRequired("dir")
	return cmd
}

func newCertNodeCmd() *cobra.Command {
	var dir string
	var ips, dns []string
	cmd := &cobra.Command{
		Use:   "node NAME",
		Short: "Issue a node certificate signed by the CA in --dir: DIR/NAME.pem and DIR/NAME-key.pem",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var addrs []net.IP
			for _, s := range ips {
				ip := net.ParseIP(s)
				if ip == nil {
					return fmt.Errorf("--ip %q is not an IP address", s)
				}
				addrs = append(addrs, ip)
			}
			if len(addrs) == 0 && len(dns) == 0 {
				return fmt.Errorf("give the node's addresses: --ip and/or --dns")
			}
			cert, key, err := tlsutil.MakeNode(dir, args[0], addrs, dns)
			if err != nil {
				return err
			}
			fmt.Printf("node certificate written: %s (key %s)\n", cert, key)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "certificate folder holding the CA (required)")
	cmd.Flags().StringSliceVar(&ips, "ip", nil, "IP address the node is reached at (repeatable or comma-separated)")
	cmd.Flags().StringSliceVar(&dns, "dns", nil, "DNS name the node is reached at (repeatable or comma-separated)")
	cmd.MarkFlagRequired("dir")
	return cmd
}
