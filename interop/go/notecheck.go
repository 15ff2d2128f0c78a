// Command notecheck runs Veridict's signed notes, checkpoints and Merkle trees through the Go
// checksum database's own packages (golang.org/x/mod/sumdb/note and .../tlog), so that a test can
// compare their answers with Veridict's.
//
//	notecheck verify VERIFIER_KEY NOTE_FILE   open the note; print its text
//	notecheck sign SIGNER_KEY TEXT_FILE       sign the text; print the note
//	notecheck root LEAF_HASH...               print the RFC 6962 root (hex) of the leaf hashes (hex)
//
// Errors go to standard error with exit status 1.
package main

import (
	"encoding/hex"
	"fmt"
	"os"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: notecheck verify|sign|root ...")
	}
	switch os.Args[1] {
	case "verify":
		verifier, err := note.NewVerifier(os.Args[2])
		check(err)
		msg, err := os.ReadFile(os.Args[3])
		check(err)
		n, err := note.Open(msg, note.VerifierList(verifier))
		check(err)
		fmt.Print(n.Text)
	case "sign":
		signer, err := note.NewSigner(os.Args[2])
		check(err)
		text, err := os.ReadFile(os.Args[3])
		check(err)
		msg, err := note.Sign(&note.Note{Text: string(text)}, signer)
		check(err)
		os.Stdout.Write(msg)
	case "root":
		var stored []tlog.Hash
		reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
			out := make([]tlog.Hash, len(indexes))
			for i, x := range indexes {
				out[i] = stored[x]
			}
			return out, nil
		})
		for i, text := range os.Args[2:] {
			raw, err := hex.DecodeString(text)
			check(err)
			var leaf tlog.Hash
			copy(leaf[:], raw)
			hashes, err := tlog.StoredHashesForRecordHash(int64(i), leaf, reader)
			check(err)
			stored = append(stored, hashes...)
		}
		root, err := tlog.TreeHash(int64(len(os.Args)-2), reader)
		check(err)
		fmt.Println(hex.EncodeToString(root[:]))
	default:
		fail("unknown command " + os.Args[1])
	}
}

func check(err error) {
	if err != nil {
		fail(err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(1)
}
